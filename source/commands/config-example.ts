/*
What `shipyard-tui config --init` writes: every setting, commented, in the JSON-with-comments the
config file accepts. A test parses it with the real parser and schema, so it stays valid.
*/
export const configExample = `// shipyard-tui config: JSON with // and /* */ comments and trailing commas.
// Found at $SHIPYARD_CONFIG, else $XDG_CONFIG_HOME/shipyard/config.json, else
// ~/.config/shipyard/config.json. Precedence: flag > environment > this file > built-in.
// \`shipyard-tui config\` shows the effective settings and where each one came from.
{
	// Defaults for the flags, named as the flag in camelCase (--max-payload is maxPayload).
	// "registry": "~/.shipyard/servers.json",
	// "maxPayload": "4MiB",
	// "scrollback": 10000,
	// "pingInterval": 5000,
	// "maxServers": 256,
	// "subscribe": ["reasoning:abc"],
	// "color": true,

	// Alerts: messages matching any of these (text, or /regex/flags) raise one.
	"alert": [
		// "/\\\\berror\\\\b/i",
	],
	// Alerts also raise a desktop notification (OSC 9 and 777, through tmux).
	"notify": false,

	// /snip <name> sends the text to the target, like typed input; {id} and {time} are filled in.
	"snippets": {
		"ping": "{\\"type\\":\\"ping\\",\\"from\\":\\"{id}\\",\\"at\\":\\"{time}\\"}",
	},

	// Sent on every (re)connect to the servers whose id matches the glob (* and ?).
	"onConnect": [
		// {"servers": "harness-*", "send": ["[\\"session:1\\", \\"subscribe\\", {}]"]},
	],

	// Key remaps: a key the monitor binds (see /help) -> the key to press instead.
	"keys": {
		// "ctrl+o": "ctrl+g",
	},

	// The pane's time stamps at start: clock, millis, delta or off (/time cycles them).
	"time": "clock",
}
`;
