// What other features use of status updates: the health badge (the portfolio shows it).
export { HealthBadge } from './HealthBadge';
