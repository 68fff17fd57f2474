// Share links, managed in a product's settings.
export { ShareLinksSection } from './ShareLinksSection';
