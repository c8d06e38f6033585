/**
 * The cluster layer's public surface: kubeconfig and settings → endpoint → client → the Pod
 * calls, logs and diff texts. Free of VS Code types, so commands stay thin and tests run it
 * against a real API server.
 */
export * from './errors';
export * from './kubeStatus';
export * from './kubeconfigFiles';
export * from './endpoint';
export * from './execCredentials';
export * from './credentials';
export { proxyFor, noProxyMatches, redactProxy } from './proxy';
export * from './kubeClient';
export * from './sharedClient';
export * from './objectApi';
export * from './podApi';
export * from './openApi';
export * from './podLogs';
export * from './logResume';
export * from './logFollower';
export * from './watch';
export * from './workloadLogs';
export * from './liveState';
export * from './objectWatch';
export * from './describe';
export * from './dryRunDiff';
export * from './namespaceApi';
export * from './namedObjects';
