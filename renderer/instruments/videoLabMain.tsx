import { mountPage } from '../app/mountPage';
import { VideoLab } from './VideoLab';

// The video tile lab that `bench:video` and the tile tests drive: never part of the wall's bundle.
mountPage(<VideoLab params={new URLSearchParams(window.location.search)} />);
