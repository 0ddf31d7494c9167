//! How an error reads to the user: one line, the error and then each underlying cause — once. Our
//! error types already name their cause in their message ("could not read X: No such file"), and
//! anyhow's `{:#}` would repeat it.

/// The error and its causes, joined by `: `, leaving out a cause the line already says.
pub fn explain(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if line.contains(&said) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&said);
    }
    line
}

#[cfg(test)]
mod tests {
    #[test]
    fn each_cause_is_said_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let ours = crate::article::ArticleError::Read(crate::input::ReadError::Io { path: "a.txt".into(), source: io });
        let e = anyhow::Error::from(ours).context("importing a.txt");
        assert_eq!(super::explain(&e), "importing a.txt: could not read a.txt: No such file");
    }
}
