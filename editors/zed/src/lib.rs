use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct PodManifests;

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
            .ok_or("pod-manifests-language-server not found on PATH (install it with npm -g)")?;
        Ok(zed::Command {
            command: path,
            args: vec!["--stdio".into()],
            env: worktree.shell_env(),
        })
    }

    // settings.json -> "lsp": { "pod-manifests-language-server": { "initialization_options": ... } }
    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.initialization_options))
    }

    // settings.json -> "lsp": { "pod-manifests-language-server": { "settings": ... } }
    // Zed answers workspace/configuration{section:"podManifests"} with settings["podManifests"].
    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<zed::serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|s| s.settings))
    }
}

zed::register_extension!(PodManifests);
