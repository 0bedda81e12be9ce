// Puts a secret on the clipboard for the person who asked; the page never keeps it anywhere else.
export function copy(text) {
    return navigator.clipboard.writeText(text);
}
