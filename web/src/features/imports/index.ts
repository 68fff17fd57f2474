/** What other features and pages use of the imports feature. */
export { ImportWizard } from './ImportWizard';
