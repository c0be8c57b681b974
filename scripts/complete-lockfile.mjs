// Adds to package-lock.json the platform-only optional dependencies (native builds such as
// @unrs/resolver-binding-android-arm64) that `npm install` left out because it could not fetch them:
// a registry or proxy that does not serve every platform's build makes npm skip them silently, and
// then `npm ci` refuses the lock as "out of sync". Each is added marked optional and limited to its
// platform, as npm itself would write it, so `npm ci` skips it where it does not apply. With a
// registry that serves every build it adds nothing. Run it after `npm install` changes the lock.
import fs from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const oses = [
	'android',
	'darwin',
	'freebsd',
	'linux',
	'openharmony',
	'win32',
	'netbsd',
	'openbsd',
	'sunos',
	'aix',
];
const cpus = [
	'arm64',
	'arm',
	'x64',
	'ia32',
	'loong64',
	'ppc64',
	'riscv64',
	's390x',
	'mips64el',
	'wasm32',
];
let added = 0;

for (const [location, entry] of Object.entries(lock.packages)) {
	for (const [name, version] of Object.entries(
		entry.optionalDependencies ?? {},
	)) {
		const target = `node_modules/${name}`;
		if (lock.packages[target] || lock.packages[`${location}/${target}`]) {
			continue;
		}

		const words = name.split(/[/-]/);
		const os = oses.find((candidate) => words.includes(candidate));
		const cpu = cpus.find((candidate) => words.includes(candidate));
		if (!os || !cpu) {
			console.warn(
				`complete-lockfile: cannot tell the platform of ${name}; left out`,
			);
			continue;
		}

		const libc = words.some((word) => word.startsWith('musl'))
			? 'musl'
			: words.some((word) => word.startsWith('gnu'))
				? 'glibc'
				: undefined;
		lock.packages[target] = {
			version,
			cpu: [cpu],
			...(entry.dev ? {dev: true} : {}),
			...(libc ? {libc: [libc]} : {}),
			optional: true,
			os: [os],
		};
		added++;
	}
}

fs.writeFileSync(lockPath, JSON.stringify(lock, undefined, 2) + '\n');
console.log(`complete-lockfile: added ${added} platform-only optional entries`);
