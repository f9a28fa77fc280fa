// TEMPORARY (replaced by the helper's module at merge)
use crate::error::Error;
pub struct Recipient;
impl Recipient {
    pub fn parse(_key: &str) -> Result<Recipient, Error> { Err(Error::internal("not yet")) }
    pub fn seal(&self, _p: &[u8]) -> Result<String, Error> { Err(Error::internal("not yet")) }
    pub fn fingerprint(&self) -> String { String::new() }
}
