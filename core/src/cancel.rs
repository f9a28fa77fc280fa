//! A cancellation flag one side sets and a call in flight waits on: a Node `AbortSignal`, a
//! cancelled asyncio task. The waiting side passes [`CancelFlag::cancelled`] as the `cancel` future of
//! `Client::call_until`.

use std::sync::atomic::{AtomicBool, Ordering};
use tokio::sync::Notify;

#[derive(Debug, Default)]
pub struct CancelFlag {
    set: AtomicBool,
    notify: Notify,
}

impl CancelFlag {
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels: every `cancelled()` future, current or later, completes.
    pub fn cancel(&self) {
        self.set.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    pub fn is_cancelled(&self) -> bool {
        self.set.load(Ordering::SeqCst)
    }

    /// Completes once `cancel` has been called.
    pub async fn cancelled(&self) {
        loop {
            // Registered before the flag is read, so a `cancel` in between is not missed.
            let notified = self.notify.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    #[test]
    fn cancel_wakes_a_waiter_and_later_ones() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async {
            let flag = Arc::new(CancelFlag::new());
            let waiter = tokio::spawn({
                let flag = flag.clone();
                async move { flag.cancelled().await }
            });
            tokio::time::sleep(Duration::from_millis(10)).await;
            assert!(!waiter.is_finished());
            flag.cancel();
            tokio::time::timeout(Duration::from_secs(5), waiter).await.expect("woken").expect("joined");
            tokio::time::timeout(Duration::from_secs(5), flag.cancelled()).await.expect("already cancelled");
        });
    }
}
