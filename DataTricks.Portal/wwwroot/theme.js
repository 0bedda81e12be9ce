// Remembers the theme a person chose for a year; the server reads it to render every page in it from the start.
export function remember(cookie, choice) {
    document.cookie = `${cookie}=${choice}; path=/; max-age=31536000; samesite=lax`;
}
