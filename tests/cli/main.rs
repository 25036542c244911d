//! Integration tests: run the real `veille` binary on fixture folders and check the files it
//! writes, what it prints and its exit code. One module per command.

mod browser;
mod build;
mod check;
mod export;
mod faults;
mod hostile;
mod html;
mod import;
mod init;
mod rules;
mod search;
mod serve;
mod site;
mod syndication;
mod tag;
mod tools;
mod util;
mod validate;
