/** The key under which the plugin provides its resolved options to test files. */
export const PROVIDE_KEY = 'jest-environment-mesh';
