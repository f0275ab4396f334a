// An empty script: the reference for process start-up time in bench/cli.ts.
