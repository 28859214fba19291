//! Work on all cores, in order: the one helper both evaluation and the emitters use, kept at the
//! bottom of the module graph so that neither imports the other for it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};
use std::time::Duration;

/// How many results, per thread, may wait for an earlier one before the workers pause.
const AHEAD_PER_THREAD: usize = 4;

/// Maps over items on all cores, keeping their order.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let mut out = Vec::with_capacity(items.len());
    for_each_in_order(items, f, |r| out.push(r));
    out
}

/// Runs `f` over the items on all cores and hands each result to `sink` in the items' order as
/// soon as every earlier one has been handed over. The calling thread works too, between
/// handing results over, beside one helper per other core. Everyone takes the next item from a
/// shared counter, so a busy core does not hold back a fixed half of the items, and the helpers
/// pause when a few results per thread are waiting for an earlier one: memory stays bounded
/// however many items there are.
pub fn for_each_in_order<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync, mut sink: impl FnMut(R)) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        items.iter().map(f).for_each(sink);
        return;
    }
    let ahead = threads * AHEAD_PER_THREAD;
    let next = AtomicUsize::new(0);
    let handed = Gate { handed: Mutex::new(0), moved: Condvar::new(), broken: AtomicBool::new(false) };
    let (f, next, handed) = (&f, &next, &handed);
    let (sender, results) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|_| {
                let sender = sender.clone();
                scope.spawn(move || {
                    // Should `f` panic, the others stop waiting instead of hanging.
                    let _guard = BreakOnPanic(handed);
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if !handed.wait_until_near(i, ahead) || sender.send((i, f(item))).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        // Should `f` or `sink` panic here, the helpers stop waiting too.
        let _guard = BreakOnPanic(handed);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        while due < items.len() {
            while let Ok((i, r)) = results.try_recv() {
                waiting.insert(i, r);
            }
            let before = due;
            while let Some(r) = waiting.remove(&due) {
                sink(r);
                due += 1;
            }
            if due > before {
                handed.advance(due);
                continue;
            }
            // Nothing to hand over: work on the next item, unless it is too far ahead.
            if next.load(Ordering::Relaxed) < items.len().min(due + ahead) {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if let Some(item) = items.get(i) {
                    waiting.insert(i, f(item));
                    continue;
                }
            }
            // Every item up to the bound is taken, the one due by a helper: wait for it.
            match results.recv() {
                Ok((i, r)) => {
                    waiting.insert(i, r);
                }
                // Every helper is gone without it: one panicked, and its join says so.
                Err(_) => break,
            }
        }
        // Rendering cannot panic on input; should it anyway, the panic is passed on unchanged.
        for helper in helpers {
            helper.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
        }
    });
}

/// How far the results have been handed over, for the workers that must not run too far ahead.
struct Gate {
    handed: Mutex<usize>,
    moved: Condvar,
    broken: AtomicBool,
}

impl Gate {
    /// Waits until item `i` is fewer than `ahead` items past the last one handed over; false when
    /// a worker panicked and the work is abandoned.
    fn wait_until_near(&self, i: usize, ahead: usize) -> bool {
        let Ok(mut handed) = self.handed.lock() else { return false };
        while i >= *handed + ahead {
            if self.broken.load(Ordering::Relaxed) {
                return false;
            }
            handed = match self.moved.wait_timeout(handed, Duration::from_millis(100)) {
                Ok((h, _)) => h,
                Err(_) => return false,
            };
        }
        true
    }

    fn advance(&self, to: usize) {
        if let Ok(mut handed) = self.handed.lock() {
            *handed = to;
        }
        self.moved.notify_all();
    }
}

struct BreakOnPanic<'a>(&'a Gate);

impl Drop for BreakOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.broken.store(true, Ordering::Relaxed);
            self.0.moved.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order() {
        let items: Vec<u32> = (0..1000).collect();
        let doubled = super::map(&items, |x| x * 2);
        assert_eq!(doubled, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn hands_over_in_order_while_a_slow_item_holds_the_rest_back() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        super::for_each_in_order(
            &items,
            |&x| {
                if x == 3 {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                x
            },
            |x| seen.push(x),
        );
        assert_eq!(seen, items);
    }

    #[test]
    fn the_calling_thread_works_too() {
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            return;
        }
        let me = std::thread::current().id();
        let items: Vec<u32> = (0..1000).collect();
        let mut mine = 0;
        super::for_each_in_order(&items, |_| std::thread::current().id() == me, |by_me| mine += usize::from(by_me));
        assert!(mine > 0);
    }

    #[test]
    fn a_panic_is_passed_on_and_nothing_hangs() {
        let items: Vec<u32> = (0..500).collect();
        let caught = std::panic::catch_unwind(|| {
            super::for_each_in_order(&items, |&x| if x == 2 { panic!("boom") } else { x }, |_| {});
        });
        assert!(caught.is_err());
    }
}
