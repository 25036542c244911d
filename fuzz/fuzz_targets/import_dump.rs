#![no_main]
//! A plain-text dump (`.txt`): decode, extract, tag, write, read back.

#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| common::import(bytes, "input.txt"));
