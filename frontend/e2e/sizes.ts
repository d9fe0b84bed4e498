/** The two window sizes the web app is checked at. */
export const SIZES = [
  { name: "desktop", use: { viewport: { width: 1366, height: 860 } } },
  { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
] as const;
