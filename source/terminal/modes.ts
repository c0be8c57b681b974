/**
The terminal modes the full-screen monitor needs, as escape sequences, and their undoing. Written on
entering the screen, on every way out, and around a suspend (Ctrl+Z).
*/

/**
The alternate screen; line wrapping off (a line the terminal draws wider than Ink measured, some emoji
sequences, is clipped instead of wrapping and pushing the whole frame up); bracketed paste on, so a
paste arrives as one piece of text instead of keys.
*/
export const enterScreen = '\u001B[?1049h\u001B[?7l\u001B[?2004h';

/** Bracketed paste off, wrapping on, cursor shown, alternate screen left: the terminal as it was. */
export const leaveScreen = '\u001B[?2004l\u001B[?7h\u001B[?25h\u001B[?1049l';

/** Hidden cursor, blank screen, cursor at the top left: where Ink's next full frame starts. */
export const blankScreen = '\u001B[?25l\u001B[H\u001B[2J';
