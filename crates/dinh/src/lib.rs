//! Đình: the command line (`cli`) and the composition of the modules into one program
//! (`cli::registry`), shared by the binary and the tests that run the whole application.

pub mod cli;
