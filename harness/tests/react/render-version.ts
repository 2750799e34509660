// The React major version a test file runs with ("18" or "19"), for test names.
import { version } from "react";

export const reactMajor = version.split(".")[0];
