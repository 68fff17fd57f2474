// What other features use of requests: the card, the triage dialog and the item section.
import './requests.css';
export { ItemRequests } from './ItemRequests';
export { RequestCard } from './RequestCard';
export { TriageDialog } from './TriageDialog';
