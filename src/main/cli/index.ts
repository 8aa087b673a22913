console.log('sightline cli')
