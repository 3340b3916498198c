/** Chart colours readable on both the light and the dark theme (axes take CSS variables). */
export const CHART = {
  primary: '#2f9e5b',
  secondary: '#4f7cd9',
  fail: '#d9534f',
  muted: '#8a968f',
  grid: 'rgba(128,128,128,0.25)',
} as const;
export const SERIES = ['#2f9e5b', '#4f7cd9', '#c98a1b', '#a05fc9', '#d9534f', '#3aa7a3'];
