// The lead's portfolio page.
export { PortfolioView } from './PortfolioView';
