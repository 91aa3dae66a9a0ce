pub mod draft;
pub mod names;
pub mod quotes;
pub mod sentences;
pub mod unmarked;
pub mod wording;
