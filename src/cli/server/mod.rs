//! `aftale server`: a language server over standard input and output (LSP), so an editor shows
//! the findings while the agreement file is written. It checks a document exactly as `check`
//! checks a file of that name – the rule pack by date, the `.aftale.yaml` found from the
//! document's folder – and answers with diagnostics, hover, code actions and completion.
//! A request it cannot answer gets an LSP error; nothing from the editor can stop it.

mod features;
mod findings;
mod transport;

use std::collections::HashMap;

use lsp_server::{Connection, ErrorCode as LspError, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{CodeActionRequest, Completion, HoverRequest, Request as _};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, HoverProviderCapability, InitializeParams,
    PublishDiagnosticsParams, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};

use super::{EXIT_OK, EXIT_USAGE};
use findings::Checked;

/// The open documents: their text and what checking it found, and the command line's
/// settings every check uses (`--rules`, `--max-size`).
struct Documents {
    open: HashMap<String, Checked>,
    settings: findings::Settings,
}

/// Runs the server until the editor says `exit` or closes the connection; returns the exit code.
pub fn run(cli: &super::Cli) -> u8 {
    // A document may be as large as a file `check` reads; its JSON, escaped, up to twice that.
    let max_size = cli.max_size.unwrap_or(aftale::read::DEFAULT_MAX_SIZE);
    let limit = usize::try_from(max_size.saturating_mul(2).saturating_add(1 << 20)).unwrap_or(usize::MAX);
    let Ok((connection, threads)) = transport::stdio(limit) else { return EXIT_USAGE };
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ":".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let Ok(capabilities) = serde_json::to_value(capabilities) else { return EXIT_USAGE };
    let params = match connection.initialize(capabilities) {
        Ok(p) => p,
        Err(_) => return EXIT_USAGE,
    };
    let _: Option<InitializeParams> = serde_json::from_value(params).ok();
    let settings = findings::Settings { rule_dirs: cli.rule_dirs.clone(), max_size: cli.max_size };
    let code = serve(&connection, settings);
    drop(connection);
    threads.join();
    code
}

fn serve(connection: &Connection, settings: findings::Settings) -> u8 {
    let mut documents = Documents { open: HashMap::new(), settings };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request).unwrap_or(true) {
                    return EXIT_OK;
                }
                let response = answer(&documents, request);
                if connection.sender.send(Message::Response(response)).is_err() {
                    return EXIT_OK;
                }
            }
            Message::Notification(n) => {
                if let Some((uri, diagnostics)) = notice(&mut documents, n) {
                    let params = PublishDiagnosticsParams { uri, diagnostics, version: None };
                    let note = Notification::new(PublishDiagnostics::METHOD.to_owned(), params);
                    if connection.sender.send(Message::Notification(note)).is_err() {
                        return EXIT_OK;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    EXIT_OK
}

/// A document opened, changed or closed: check it again and return what to publish.
fn notice(documents: &mut Documents, n: Notification) -> Option<(Uri, Vec<lsp_types::Diagnostic>)> {
    let (uri, text) = match n.method.as_str() {
        DidOpenTextDocument::METHOD => {
            let p: lsp_types::DidOpenTextDocumentParams = serde_json::from_value(n.params).ok()?;
            (p.text_document.uri, p.text_document.text)
        }
        DidChangeTextDocument::METHOD => {
            let mut p: lsp_types::DidChangeTextDocumentParams = serde_json::from_value(n.params).ok()?;
            // Full sync: the last change is the whole text.
            (p.text_document.uri, p.content_changes.pop()?.text)
        }
        DidCloseTextDocument::METHOD => {
            let p: lsp_types::DidCloseTextDocumentParams = serde_json::from_value(n.params).ok()?;
            documents.open.remove(p.text_document.uri.as_str());
            return Some((p.text_document.uri, Vec::new()));
        }
        _ => return None,
    };
    let checked = findings::check(&uri, text, &documents.settings);
    let diagnostics = checked.diagnostics.clone();
    documents.open.insert(uri.as_str().to_owned(), checked);
    Some((uri, diagnostics))
}

/// The answer to a request, or an LSP error saying why there is none.
fn answer(documents: &Documents, request: Request) -> Response {
    let id = request.id.clone();
    let result = match request.method.as_str() {
        HoverRequest::METHOD => serde_json::from_value(request.params)
            .map(|p: lsp_types::HoverParams| {
                let uri = &p.text_document_position_params.text_document.uri;
                let at = p.text_document_position_params.position;
                documents.open.get(uri.as_str()).and_then(|d| features::hover(d, at))
            })
            .map(|r| serde_json::to_value(r).unwrap_or_default()),
        CodeActionRequest::METHOD => serde_json::from_value(request.params)
            .map(|p: lsp_types::CodeActionParams| {
                documents.open.get(p.text_document.uri.as_str()).map(|d| features::code_actions(d, &p))
            })
            .map(|r| serde_json::to_value(r).unwrap_or_default()),
        Completion::METHOD => serde_json::from_value(request.params)
            .map(|p: lsp_types::CompletionParams| {
                let uri = &p.text_document_position.text_document.uri;
                let at = p.text_document_position.position;
                documents.open.get(uri.as_str()).map(|d| features::completion(d, at))
            })
            .map(|r| serde_json::to_value(r).unwrap_or_default()),
        _ => {
            return Response::new_err(
                id,
                LspError::MethodNotFound as i32,
                format!("ukendt metode: {}", request.method),
            );
        }
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err(e) => Response::new_err(id, LspError::InvalidParams as i32, format!("ugyldige parametre: {e}")),
    }
}
