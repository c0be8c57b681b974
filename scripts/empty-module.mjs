// Stands in for react-devtools-core in the bundle (see bundle.mjs).
const empty = {};
export default empty;
