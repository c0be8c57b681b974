/** @type {import('xo').FlatXoConfig} */
const xoConfig = [
	{
		prettier: true,
		react: true,
		rules: {
			// Node's globals are what every reader knows; importing them adds lines, not clarity.
			'n/prefer-global/process': 'off',
			'n/prefer-global/buffer': 'off',
			// Our patterns are ASCII; the `v` flag would be ceremony.
			'require-unicode-regexp': 'off',
			// Header names, close codes and key names are not ours to rename.
			'@typescript-eslint/naming-convention': 'off',
			// File modes are bit masks.
			'no-bitwise': 'off',
			// \`ws\` hands us Buffers and we rely on their \`toString\`; Uint8Array would hide that.
			'@typescript-eslint/no-restricted-types': 'off',
			// The automatic JSX runtime (tsconfig "jsx": "react-jsx") needs no React in scope.
			'react/react-in-jsx-scope': 'off',
			'react/jsx-uses-react': 'off',
		},
	},
	{
		files: ['test/**/*.{ts,tsx}'],
		rules: {
			// Tests read JSON they wrote themselves and stub listeners they do not care about.
			'@typescript-eslint/no-unsafe-type-assertion': 'off',
			'@typescript-eslint/no-unsafe-assignment': 'off',
			'@typescript-eslint/no-empty-function': 'off',
			'unicorn/no-await-expression-member': 'off',
		},
	},
	{
		// The core must stay free of the view so it can run headless and be benchmarked alone.
		files: ['source/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['react', 'react/*', 'ink', 'ink-*'],
							message: 'source/core must not depend on React or Ink.',
						},
						{
							group: [
								'**/components/*',
								'**/hooks/*',
								'**/commands/*',
								'**/app.js',
								'**/cli.js',
							],
							message:
								'Imports point one way: cli → commands/app → components/hooks → core.',
						},
					],
				},
			],
		},
	},
];

export default xoConfig;
