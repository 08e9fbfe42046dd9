import { mountPage } from '../app/mountPage';
import { MapBench } from './MapBench';

// `npm run bench:map`'s page: never part of the wall's bundle.
mountPage(<MapBench params={new URLSearchParams(window.location.search)} />);
