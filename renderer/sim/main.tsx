import { mountPage } from '../app/mountPage';
import { WallSimulator } from './WallSimulator';

// The simulated hall (`sim.html?sim=3x3@1920x1080,2560x1440*1.25&profile=duty`): every window of
// a planned hall, to scale, in one browser page.
mountPage(<WallSimulator params={new URLSearchParams(window.location.search)} />);
