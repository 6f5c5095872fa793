/** The path of a URL as events show it: a second-factor code in the path is replaced by `{code}`. */
export function redactedPath(url: string): string {
  const { pathname } = new URL(url);
  return pathname.replace(/(\/api\/2\.0\/authentication\/)(?!logout$|confirm$|setphone$|sendsms$)[^/]+$/i, '$1{code}');
}
