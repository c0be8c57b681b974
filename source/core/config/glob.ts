/**
Whether `text` matches `pattern` as a whole, where `*` is any run of characters (none too) and `?`
one character; everything else is itself. The greedy two-pointer walk with one backtrack point:
time bounded by text × pattern length whatever the pattern, unlike a translated regex.
*/
export function globMatches(pattern: string, text: string): boolean {
	const p = [...pattern];
	const t = [...text];
	let pi = 0;
	let ti = 0;
	let starAt = -1;
	let resumeAt = 0;
	while (ti < t.length) {
		if (
			pi < p.length &&
			(p[pi] === '?' || (p[pi] !== '*' && p[pi] === t[ti]))
		) {
			pi++;
			ti++;
		} else if (pi < p.length && p[pi] === '*') {
			starAt = pi++;
			resumeAt = ti;
		} else if (starAt === -1) {
			return false;
		} else {
			// The last `*` takes one more character, and the rest is tried again after it.
			pi = starAt + 1;
			ti = ++resumeAt;
		}
	}

	while (pi < p.length && p[pi] === '*') {
		pi++;
	}

	return pi === p.length;
}
