// What other features use of questions: the cards, the item section, the age label and list refreshes.
import './questions.css';
export { Age } from './Age';
export { ItemQuestions } from './ItemQuestions';
export { QuestionCard } from './QuestionCard';
export { useRefreshTeamLists } from './useTeamMutations';
