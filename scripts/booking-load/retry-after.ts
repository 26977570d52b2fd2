/**
 * What a client does with `503 Retry-After`: waits the seconds it names and sends the request again
 * (at most `times` times). A 503 from the booking engine wrote nothing, so sending again is safe.
 * Under the contention model (`npm run test:contention`) a burst on one hot item can answer a few.
 */
export const honouringRetryAfter = async <R extends { status: number; headers: Headers }>(
  send: () => Promise<R>,
  times = 3,
): Promise<R> => {
  for (let attempt = 0; ; attempt += 1) {
    const res = await send();
    if (res.status !== 503 || attempt >= times) return res;
    const seconds = Number(res.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
  }
};
