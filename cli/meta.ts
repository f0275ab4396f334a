// Facts about the tool itself (name, version, home), shared by --version, SARIF and the models table.
import { version } from '../package.json';

export const TOOL_NAME = 'promptbound';
export const TOOL_VERSION: string = version;
export const TOOL_INFORMATION_URI = 'https://github.com/promptbound/promptbound';
