// Zed starts pod-manifests-language-server (npm install -g pod-manifests) from the worktree's PATH
// for YAML and JSON. Written from Zed's extension docs and zed_extension_api; not compiled here
// (no crates offline). Zed passes an extension server no user settings by itself: the two
// settings hooks hand on `lsp."pod-manifests-language-server"` from settings.json.
use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct PodManifests;

/// settings.json → "lsp": { "pod-manifests-language-server": { … } }
fn user_settings(id: &LanguageServerId, worktree: &zed::Worktree) -> Option<LspSettings> {
    LspSettings::for_worktree(id.as_ref(), worktree).ok()
}

impl zed::Extension for PodManifests {
    fn new() -> Self {
        PodManifests
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let path = worktree
            .which("pod-manifests-language-server")
            .ok_or("pod-manifests-language-server not found on PATH (npm install -g pod-manifests)")?;
        Ok(zed::Command {
            command: path,
            args: vec!["--stdio".into()],
            env: worktree.shell_env(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(user_settings(id, worktree).and_then(|s| s.initialization_options))
    }

    // Zed answers workspace/configuration {section: "podManifests"} from this value.
    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(user_settings(id, worktree).and_then(|s| s.settings))
    }
}

zed::register_extension!(PodManifests);
