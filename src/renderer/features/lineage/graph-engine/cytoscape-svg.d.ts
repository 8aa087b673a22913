/** cytoscape-svg 0.4.0 ships no types: it is a cytoscape extension registered with `cytoscape.use`. */
declare module 'cytoscape-svg' {
  import type cytoscape from 'cytoscape'
  const register: cytoscape.Ext
  export default register
}
