/**
 * The `podManifests.*` settings (package.json's contributes.configuration), typed once. VS Code
 * hands the same object to the language server (workspace/configuration, didChangeConfiguration)
 * and to the extension's cluster commands; other editors pass it as initializationOptions. Both
 * halves read it with readSettings, so a missing or mistyped value means the same on either side.
 */

/** The configuration section: `podManifests.kubernetesVersion` is `kubernetesVersion` in it. */
export const SETTINGS_SECTION = 'podManifests';

export interface Settings {
  /** "1.20", "1.23" … "1.35", or "cluster" (the connected cluster's schema); the server checks it against the versions it has. */
  kubernetesVersion: string;
  api: {
    /** An API server URL used instead of the kubeconfig; '' for the kubeconfig. Its token is in SecretStorage. */
    server: string;
    /** The PEM file of that server's CA; '' for the system's CAs. */
    certificateAuthorityFile: string;
    insecureSkipTlsVerify: boolean;
  };
  /**
   * Which Pod Security Standards policy the documents are checked against: `namespace` (the
   * `pod-security.kubernetes.io/*` labels of their namespace, where known), `off`, or one level
   * with an optional version for all (`restricted`, `baseline:1.27`, `restricted:latest`).
   */
  podSecurity: string;
  logs: {
    /** Earlier lines shown before following. */
    tailLines: number;
    timestamps: boolean;
  };
}

/** The defaults package.json declares. */
export const DEFAULT_SETTINGS: Settings = Object.freeze({
  kubernetesVersion: '1.35',
  podSecurity: 'namespace',
  api: Object.freeze({ server: '', certificateAuthorityFile: '', insecureSkipTlsVerify: false }),
  logs: Object.freeze({ tailLines: 200, timestamps: false }),
});

/**
 * `raw` (the `podManifests` object, or anything an editor sent) as Settings. A value that is
 * missing or of the wrong type is `base`'s: the server passes the settings it has, so an editor
 * that sends only some of them (initializationOptions, then a workspace/configuration answer of
 * null) keeps the others as they were. A kubernetesVersion that is not text is kept as text (an
 * unquoted 1.30 is the number 1.3), for the server to say it is not a version.
 */
export function readSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const settings = recordOf(raw);
  const api = recordOf(settings.api);
  const logs = recordOf(settings.logs);
  return {
    kubernetesVersion: versionOf(settings.kubernetesVersion) ?? base.kubernetesVersion,
    podSecurity: typeof settings.podSecurity === 'string' ? settings.podSecurity.trim() : base.podSecurity,
    api: {
      server: typeof api.server === 'string' ? api.server.trim() : base.api.server,
      certificateAuthorityFile: typeof api.certificateAuthorityFile === 'string' ? api.certificateAuthorityFile.trim() : base.api.certificateAuthorityFile,
      insecureSkipTlsVerify: typeof api.insecureSkipTlsVerify === 'boolean' ? api.insecureSkipTlsVerify : base.api.insecureSkipTlsVerify,
    },
    logs: {
      tailLines:
        typeof logs.tailLines === 'number' && Number.isFinite(logs.tailLines) && logs.tailLines >= 0 ? Math.floor(logs.tailLines) : base.logs.tailLines,
      timestamps: typeof logs.timestamps === 'boolean' ? logs.timestamps : base.logs.timestamps,
    },
  };
}

function recordOf(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function versionOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value).trim() || undefined;
}
