// TEMPORARY (replaced by the helper's module at merge)
use crate::error::Error;
pub fn ses_smtp_password_v4(_secret: &str, _region: &str) -> Result<String, Error> {
    Err(Error::internal("not yet"))
}
