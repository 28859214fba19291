//! `aftale import`: a draft agreement file from the region's own document (Word, PDF or text).
//! The importer runs one way – reading a document into text blocks ([`read`]), finding the
//! values the text states ([`find`]), writing the draft ([`draft`]) – and nothing of it is used
//! by `check`. Every value in the draft occurs in the document; what the document does not state
//! stays a `[[Udfyld: …]]` place; every value says in a comment where it was found.

mod document;
mod docx;
pub mod draft;
pub mod find;
mod found;
pub mod read;
mod words;

pub use document::read_bytes;
pub use draft::write;
pub use find::find;
pub use found::{Found, Item};
pub use read::{Block, BlockKind, Document, Place};
