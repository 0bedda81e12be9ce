// Tells the server the browser's time zone, so pages show times on the viewer's wall clock from the first paint.
(function () {
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone) document.cookie = `dt_tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
    } catch (e) {
        console.warn("Time zone not reported; times show in UTC.", e);
    }
})();
