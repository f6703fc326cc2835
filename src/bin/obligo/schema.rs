//! `obligo schema`: the tenant file format as a JSON Schema for editors, or as the Markdown key
//! reference; both are generated from the format's declaration.

use obligo::exit::Exit;
use obligo::tenant::format;

use crate::args::{SchemaArgs, SchemaFormat};

pub fn run(args: &SchemaArgs) -> Exit {
    let text = match args.format {
        SchemaFormat::Json => match serde_json::to_string_pretty(&format::json_schema()) {
            Ok(json) => json + "\n",
            Err(_) => return Exit::Error,
        },
        SchemaFormat::Markdown => format::format_reference(),
    };
    if crate::print(&text) {
        Exit::Clean
    } else {
        Exit::Error
    }
}
