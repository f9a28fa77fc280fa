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
        if let Some(token) = options.starting_token {
            input.insert(paging.input_token.to_string(), Value::String(token));
        }
        if let (Some(size), Some(member)) = (options.page_size, paging.page_size) {
            input.insert(member.to_string(), Value::Integer(size));
        }
        Ok(Pages { client, op, paging, input, max_items: options.max_items, items_seen: 0, done: false })
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
        self.cap_items(&mut response);
        match next {
            Some(token) if !self.done => {
                self.input.insert(self.paging.input_token.to_string(), Value::String(token));
            }
            _ => self.done = true,
        }
        Some(Ok(response))
    }

    /// Applies `max_items`: counts this page's items and cuts the page that reaches the limit.
    fn cap_items(&mut self, response: &mut Response) {
        let (Some(max), Some(items_member)) = (self.max_items, self.paging.items) else { return };
        let Value::Map(output) = &mut response.output else { return };
        if let Some(Value::List(items)) = output.get_mut(items_member) {
            let room = max.saturating_sub(self.items_seen);
            if items.len() >= room {
                items.truncate(room);
                self.done = true;
            }
            self.items_seen += items.len();
        }
    }
}
