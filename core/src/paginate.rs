//! Paging through `@paginated` operations, driven by the model's paginated trait.
//!
//! Like smithy-rs's paginators, paging stops when the response token is missing or empty, and also
//! when the service repeats the token it was just given (which would otherwise loop forever).

use crate::client::{Client, Response};
use crate::error::{Error, ErrorKind};
use crate::schema::{Operation, Paginated};
use crate::value::{Map, Value};

/// What boto3 calls `PaginationConfig`.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// Stop after this many items in total (the last page is cut to fit).
    pub max_items: Option<usize>,
    /// Items per request (the operation's page-size member, e.g. MaxItems).
    pub page_size: Option<i64>,
    /// Resume from a token a previous paging returned.
    pub starting_token: Option<String>,
}

#[derive(Debug)]
pub struct Pages {
    client: Client,
    op: &'static Operation,
    paging: &'static Paginated,
    input: Map,
    max_items: Option<usize>,
    items_seen: usize,
    done: bool,
    /// Items to drop from the first page (a starting token that resumes inside a page).
    skip: usize,
    /// Where to resume after `max_items` stopped the paging: (input token, items of that page to skip).
    resume: Option<(Option<String>, usize)>,
}

impl Pages {
    pub fn new(client: Client, operation: &str, mut input: Map, options: PageOptions) -> Result<Pages, Error> {
        if !client.regions().is_empty() {
            return Err(Error::bad_value("", "a client from in_regions cannot paginate; paginate with a client of one region"));
        }
        let op = client
            .service()
            .operation(operation)
            .ok_or_else(|| Error::new(ErrorKind::Validation, "UnknownOperation", format!("unknown operation {operation:?}")))?;
        let paging = op.paginated.as_ref().ok_or_else(|| {
            Error::new(ErrorKind::Validation, "OperationNotPageable", format!("{} cannot be paginated", op.name))
        })?;
        let mut skip = 0;
        if let Some(token) = options.starting_token {
            let (marker, truncate) = decode_token(&token, paging.input_token);
            if let Some(marker) = marker {
                input.insert(paging.input_token.to_string(), Value::String(marker));
            }
            skip = truncate;
        }
        if let (Some(size), Some(member)) = (options.page_size, paging.page_size) {
            input.insert(member.to_string(), Value::Integer(size));
        }
        Ok(Pages { client, op, paging, input, max_items: options.max_items, items_seen: 0, done: false, skip, resume: None })
    }

    /// The next page, or `None` when paging has ended (after the last page or an error).
    pub async fn next(&mut self) -> Option<Result<Response, Error>> {
        self.next_until(std::future::pending()).await
    }

    /// Like [`Pages::next`], given up when `cancel` completes first (see `Client::call_until`).
    pub async fn next_until(&mut self, cancel: impl std::future::Future<Output = ()>) -> Option<Result<Response, Error>> {
        if self.done {
            return None;
        }
        let mut response = match self.client.call_until(self.op.name, &self.input, cancel).await {
            Ok(r) => r,
            Err(e) => {
                self.done = true;
                return Some(Err(e));
            }
        };
        let sent = self.input.get(self.paging.input_token).and_then(Value::as_str).map(str::to_string);
        let next = response
            .output
            .as_map()
            .and_then(|m| m.get(self.paging.output_token))
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty() && Some(*t) != sent.as_deref())
            .map(str::to_string);
        self.cap_items(&mut response, sent, next.as_deref());
        match next {
            Some(token) if !self.done => {
                self.input.insert(self.paging.input_token.to_string(), Value::String(token));
            }
            _ => self.done = true,
        }
        Some(Ok(response))
    }

    /// Applies a starting token's skip and `max_items`: counts this page's items and cuts the page
    /// that reaches the limit, remembering where a later paging can resume (`resume_token`).
    fn cap_items(&mut self, response: &mut Response, marker: Option<String>, next: Option<&str>) {
        let Some(items_member) = self.paging.items else { return };
        let Value::Map(output) = &mut response.output else { return };
        let Some(Value::List(items)) = output.get_mut(items_member) else { return };
        let skipped = std::mem::take(&mut self.skip).min(items.len());
        items.drain(..skipped);
        let Some(max) = self.max_items else { return };
        let room = max.saturating_sub(self.items_seen);
        if items.len() >= room {
            let more_here = items.len() > room;
            items.truncate(room);
            self.done = true;
            self.resume = if more_here {
                Some((marker, skipped + room))
            } else {
                next.map(|n| (Some(n.to_string()), 0))
            };
        }
        self.items_seen += items.len();
    }

    /// boto3's `build_full_result`: the remaining pages' list members (the paginated items, and any
    /// other list a page carries, as botocore aggregates every result key) concatenated in order,
    /// plus `NextToken` (the resume token) where `max_items` stopped the paging. `each` sees every
    /// page first (a binding's own per-page rule, e.g. boto3's decoded policy documents).
    pub async fn full_result_until(
        &mut self,
        cancel: impl std::future::Future<Output = ()>,
        mut each: impl FnMut(&mut Response),
    ) -> Result<Value, Error> {
        let mut cancel = std::pin::pin!(cancel);
        let mut out = Map::new();
        while let Some(page) = self.next_until(cancel.as_mut()).await {
            let mut page = page?;
            each(&mut page);
            let Value::Map(members) = page.output else { continue };
            for (key, value) in members {
                if let Value::List(items) = value {
                    if let Value::List(all) = out.entry(key).or_insert_with(|| Value::List(Vec::new())) {
                        all.extend(items);
                    }
                }
            }
        }
        if let Some(token) = self.resume_token() {
            out.insert("NextToken".to_string(), Value::String(token));
        }
        Ok(Value::Map(out))
    }

    /// After `max_items` stopped the paging with items left: the token that resumes there (as the
    /// AWS CLI's `NextToken` and boto3's `resume_token`: base64 of `{"<input token>": .., "boto_truncate_amount": n}`).
    pub fn resume_token(&self) -> Option<String> {
        use base64::Engine;
        let (marker, truncate) = self.resume.as_ref()?;
        // Python's json.dumps spacing, so the token is byte for byte the AWS CLI's.
        let marker = marker.as_ref().map_or_else(|| "null".to_string(), |m| serde_json::Value::String(m.clone()).to_string());
        let mut token = format!("{{\"{}\": {marker}", self.paging.input_token);
        if *truncate > 0 {
            token.push_str(&format!(", \"boto_truncate_amount\": {truncate}"));
        }
        token.push('}');
        Some(base64::engine::general_purpose::STANDARD.encode(token))
    }
}

/// A starting token: one `resume_token` made (marker and items to skip), or a plain marker.
fn decode_token(token: &str, input_token: &str) -> (Option<String>, usize) {
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD.decode(token).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    match decoded {
        Some(serde_json::Value::Object(m)) if m.contains_key(input_token) => {
            let marker = m.get(input_token).and_then(serde_json::Value::as_str).map(str::to_string);
            let skip = m.get("boto_truncate_amount").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
            (marker, skip)
        }
        _ => (Some(token.to_string()), 0),
    }
}
