/**
 * containers, initContainers and ephemeralContainers: names, image, ports, env, envFrom, resources, volumeMounts, volumeDevices (validateContainers, validateInitContainers, validateEphemeralContainers and what they call).
 */
import type { Rule } from './context';

export const containersRules: Rule = () => [];
