const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as `2026-01-26 14:33` in Asia/Shanghai, whatever the browser's time zone. */
export function shanghaiMinute(instant: string | Date): string {
  const parts = Object.fromEntries(
    FORMAT.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [
      p.type,
      p.value,
    ]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
