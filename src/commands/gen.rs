pub fn run(_a: crate::cli::GenArgs) -> anyhow::Result<crate::exit::ExitStatus> {
    todo!()
}
