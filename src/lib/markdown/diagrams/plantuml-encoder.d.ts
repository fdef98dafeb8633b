/** plantuml-encoder ships no types; it encodes diagram text for PlantUML server URLs. */
declare module 'plantuml-encoder' {
  export function encode(source: string): string;
  export function decode(encoded: string): string;
  const encoder: { encode: typeof encode; decode: typeof decode };
  export default encoder;
}
