//! Work on all cores, in order: the one helper both evaluation and the emitters use, kept at the
//! bottom of the module graph so that neither imports the other for it.

/// Maps over items on all cores, keeping their order. Drawing diagnostics is the costly part of
/// the human report, so a run over many files draws them in parallel.
pub fn map<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        // Rendering cannot panic on input; should it anyway, the panic is passed on unchanged.
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}
