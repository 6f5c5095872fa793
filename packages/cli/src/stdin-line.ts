/** The first line of a stream (without its line break), or everything when there is no line break; the rest is not read. */
export async function readFirstLine(stream: NodeJS.ReadableStream & { pause(): unknown }): Promise<string> {
  const text = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const finish = () => {
      stream.off('data', onData).off('end', finish).off('error', reject);
      stream.pause();
      resolve(buffered);
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      if (buffered.includes('\n')) finish();
    };
    stream.on('data', onData).once('end', finish).once('error', reject);
  });
  return text.split(/\r?\n/, 1)[0] ?? '';
}
