//! `obligo convert FILE --to FORMAT`: the file written in another format, to standard output or
//! to `--output`. Errors are drawn as `obligo check` draws them, and exit 2.

use obligo::exit::Exit;
use obligo::problem::Problem;
use obligo::problem::codes;
use obligo::source::SourceFile;
use obligo::tenant::{Format, InputError};

use crate::args::{ConvertArgs, ConvertFormat};

pub fn run(args: ConvertArgs) -> Exit {
    let to = match args.to {
        ConvertFormat::Toml => Format::Toml,
        ConvertFormat::Json => Format::Json,
        ConvertFormat::Yaml => Format::Yaml,
    };
    let file = match obligo::limits::read_text(&args.file, args.max_file_size) {
        Ok(text) => SourceFile::new(&args.file, text),
        Err(error) => {
            let error = InputError::whole_file(&SourceFile::new(&args.file, ""), error.into());
            return crate::settings::fail(&[Problem::from(error)]);
        }
    };
    let text = match obligo::convert::convert(&file, to) {
        Ok(text) => text,
        Err(errors) => {
            let problems: Vec<Problem> = errors.into_iter().map(Problem::from).collect();
            return crate::settings::fail(&problems);
        }
    };
    match &args.output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => Exit::Clean,
            Err(error) => crate::fail::error(
                codes::OUTPUT_FILE,
                format!("cannot write `{}`: {error}", path.display()),
            ),
        },
        None => crate::written(crate::print(&text)),
    }
}
