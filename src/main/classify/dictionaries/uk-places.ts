/**
 * UK towns, cities, counties, regions and large districts, comma-separated to keep the file
 * compact. Written from general knowledge (post towns, ceremonial and historic counties,
 * unitary authorities, London boroughs and well-known districts); not downloaded. Matching is
 * case-insensitive on the whole value, with "St"/"Saint" and "&"/"and" normalised.
 */
const UK_PLACES_TEXT = `
London,Birmingham,Manchester,Liverpool,Leeds,Sheffield,Bristol,Newcastle,Newcastle upon Tyne,Nottingham,Leicester,
Coventry,Bradford,Cardiff,Edinburgh,Glasgow,Belfast,Aberdeen,Dundee,Inverness,Perth,Stirling,Swansea,Newport,
Wrexham,Bangor,St Davids,St Asaph,Armagh,Lisburn,Newry,Derry,Londonderry,Southampton,Portsmouth,Plymouth,Exeter,
Brighton,Hove,Brighton and Hove,Reading,Oxford,Cambridge,Norwich,Ipswich,Colchester,Chelmsford,Southend-on-Sea,
Southend,Luton,Milton Keynes,Northampton,Peterborough,Bedford,Watford,St Albans,Hemel Hempstead,Stevenage,Hertford,
Hatfield,Welwyn Garden City,Guildford,Woking,Crawley,Horsham,Worthing,Chichester,Bognor Regis,Eastbourne,Hastings,
Bexhill,Lewes,Tunbridge Wells,Royal Tunbridge Wells,Maidstone,Canterbury,Dover,Folkestone,Ashford,Margate,Ramsgate,
Broadstairs,Gillingham,Chatham,Rochester,Sevenoaks,Tonbridge,Dartford,Gravesend,Sittingbourne,Faversham,Whitstable,
Herne Bay,Deal,Sandwich,Basingstoke,Winchester,Andover,Aldershot,Farnborough,Fleet,Fareham,Gosport,Havant,Waterlooville,
Eastleigh,Romsey,Lymington,Ringwood,Petersfield,Alton,Bournemouth,Poole,Christchurch,Weymouth,Dorchester,Bridport,
Salisbury,Swindon,Chippenham,Trowbridge,Devizes,Marlborough,Bath,Bristol,Weston-super-Mare,Taunton,Yeovil,Bridgwater,
Wells,Frome,Glastonbury,Minehead,Barnstaple,Bideford,Torquay,Paignton,Brixham,Newton Abbot,Exmouth,Tiverton,
Okehampton,Tavistock,Truro,Falmouth,Penzance,St Ives,Newquay,Bodmin,St Austell,Launceston,Bude,Redruth,Camborne,
Gloucester,Cheltenham,Stroud,Cirencester,Tewkesbury,Worcester,Redditch,Kidderminster,Bromsgrove,Malvern,Evesham,
Hereford,Leominster,Ledbury,Shrewsbury,Telford,Oswestry,Ludlow,Bridgnorth,Wolverhampton,Walsall,Dudley,West Bromwich,
Sutton Coldfield,Solihull,Sandwell,Smethwick,Halesowen,Stourbridge,Tamworth,Lichfield,Stafford,Stoke-on-Trent,Stoke,
Newcastle-under-Lyme,Burton upon Trent,Burton-on-Trent,Cannock,Leek,Stone,Uttoxeter,Rugeley,Nuneaton,Rugby,
Warwick,Leamington Spa,Royal Leamington Spa,Stratford-upon-Avon,Kenilworth,Bedworth,Derby,Chesterfield,Matlock,
Buxton,Ilkeston,Long Eaton,Belper,Ripley,Glossop,Mansfield,Newark,Newark-on-Trent,Worksop,Retford,Beeston,Arnold,
Hucknall,Loughborough,Hinckley,Melton Mowbray,Market Harborough,Coalville,Oakham,Uppingham,Lincoln,Grantham,Boston,
Spalding,Skegness,Louth,Gainsborough,Stamford,Sleaford,Grimsby,Cleethorpes,Scunthorpe,Hull,Kingston upon Hull,
Beverley,Bridlington,Goole,York,Harrogate,Scarborough,Whitby,Selby,Ripon,Skipton,Northallerton,Thirsk,Malton,
Richmond,Middlesbrough,Stockton-on-Tees,Hartlepool,Redcar,Darlington,Durham,Sunderland,Gateshead,South Shields,
North Shields,Tynemouth,Whitley Bay,Washington,Jarrow,Hexham,Morpeth,Alnwick,Berwick-upon-Tweed,Blyth,Ashington,
Cramlington,Carlisle,Penrith,Kendal,Keswick,Workington,Whitehaven,Barrow-in-Furness,Ulverston,Windermere,Lancaster,
Morecambe,Preston,Blackpool,Blackburn,Burnley,Accrington,Chorley,Leyland,Lytham St Annes,Fleetwood,Ormskirk,
Skelmersdale,Southport,Wigan,Bolton,Bury,Rochdale,Oldham,Stockport,Salford,Trafford,Stretford,Sale,Altrincham,
Ashton-under-Lyne,Stalybridge,Hyde,Tameside,Leigh,Warrington,Widnes,Runcorn,St Helens,Knowsley,Birkenhead,
Wallasey,Bootle,Crosby,Wirral,Chester,Crewe,Nantwich,Macclesfield,Congleton,Northwich,Wilmslow,Knutsford,
Ellesmere Port,Huddersfield,Halifax,Wakefield,Dewsbury,Batley,Castleford,Pontefract,Keighley,Bingley,Shipley,Ilkley,
Otley,Pudsey,Morley,Barnsley,Rotherham,Doncaster,Penistone,Todmorden,Brighouse,Holmfirth,Goole,Wetherby,
Kingston upon Thames,Richmond upon Thames,Croydon,Bromley,Sutton,Harrow,Ealing,Hounslow,Hillingdon,Uxbridge,Barnet,
Enfield,Haringey,Islington,Camden,Westminster,Kensington,Chelsea,Kensington and Chelsea,Hammersmith,Fulham,
Hammersmith and Fulham,Wandsworth,Lambeth,Southwark,Lewisham,Greenwich,Bexley,Havering,Romford,Barking,Dagenham,
Barking and Dagenham,Redbridge,Ilford,Newham,Stratford,Tower Hamlets,Hackney,Waltham Forest,Walthamstow,Brent,
Wembley,Merton,Wimbledon,Kingston,Twickenham,Hampstead,Highgate,Holloway,Shoreditch,Bethnal Green,Stepney,
Bermondsey,Peckham,Brixton,Clapham,Battersea,Putney,Balham,Tooting,Streatham,Dulwich,Sydenham,Catford,Deptford,
Woolwich,Eltham,Chiswick,Acton,Hendon,Finchley,Edgware,Stanmore,Pinner,Ruislip,Hayes,Southall,Feltham,Orpington,
Beckenham,Sidcup,Erith,Bexleyheath,Chingford,Leyton,Leytonstone,Tottenham,Wood Green,Hornsey,Muswell Hill,
Kentish Town,Notting Hill,Paddington,Marylebone,Mayfair,Soho,Holborn,Bloomsbury,Canary Wharf,Poplar,Bow,
Slough,Maidenhead,Windsor,Bracknell,Wokingham,Newbury,High Wycombe,Aylesbury,Amersham,Chesham,Marlow,Beaconsfield,
Banbury,Bicester,Witney,Abingdon,Didcot,Wantage,Henley-on-Thames,Thame,Wallingford,Kidlington,Staines,Staines-upon-Thames,
Epsom,Ewell,Leatherhead,Dorking,Reigate,Redhill,Camberley,Farnham,Godalming,Haslemere,Weybridge,Walton-on-Thames,
Esher,Caterham,Oxted,East Grinstead,Haywards Heath,Burgess Hill,Uckfield,Crowborough,Harlow,Basildon,Brentwood,
Billericay,Wickford,Rayleigh,Canvey Island,Grays,Thurrock,Tilbury,Braintree,Witham,Maldon,Clacton-on-Sea,Harwich,
Saffron Walden,Epping,Loughton,Waltham Abbey,Bishop's Stortford,Hitchin,Letchworth,Letchworth Garden City,Baldock,
Royston,Berkhamsted,Tring,Harpenden,Borehamwood,Potters Bar,Cheshunt,Hoddesdon,Ware,Dunstable,Leighton Buzzard,
Biggleswade,Sandy,Huntingdon,St Neots,St Ives,Ely,March,Wisbech,Newmarket,Bury St Edmunds,Sudbury,Stowmarket,
Haverhill,Felixstowe,Lowestoft,Woodbridge,Beccles,Kings Lynn,King's Lynn,Great Yarmouth,Thetford,Dereham,Cromer,
Wymondham,Fakenham,Swaffham,Diss,Kettering,Corby,Wellingborough,Daventry,Towcester,Rushden,Brackley,
Newport Pagnell,Olney,Buckingham,Bletchley,Cwmbran,Pontypool,Abergavenny,Monmouth,Chepstow,Caerphilly,Merthyr Tydfil,
Pontypridd,Rhondda,Aberdare,Bridgend,Porthcawl,Maesteg,Barry,Penarth,Llantwit Major,Cowbridge,Neath,Port Talbot,
Llanelli,Carmarthen,Ammanford,Haverfordwest,Pembroke,Pembroke Dock,Milford Haven,Tenby,Fishguard,Cardigan,
Aberystwyth,Lampeter,Brecon,Builth Wells,Llandrindod Wells,Newtown,Welshpool,Machynlleth,Dolgellau,Barmouth,
Porthmadog,Pwllheli,Caernarfon,Holyhead,Llangefni,Llandudno,Conwy,Colwyn Bay,Rhyl,Prestatyn,Denbigh,Ruthin,Mold,
Flint,Buckley,Connah's Quay,Llangollen,Ebbw Vale,Tredegar,Blackwood,Ystrad Mynach,Kirkcaldy,Dunfermline,
Glenrothes,St Andrews,Cupar,Livingston,Bathgate,Linlithgow,Falkirk,Grangemouth,Alloa,Motherwell,Hamilton,
Wishaw,East Kilbride,Airdrie,Coatbridge,Cumbernauld,Kilmarnock,Ayr,Irvine,Troon,Prestwick,Largs,Greenock,
Paisley,Renfrew,Johnstone,Dumbarton,Clydebank,Helensburgh,Oban,Fort William,Stornoway,Kirkwall,Lerwick,Wick,Thurso,
Elgin,Forres,Nairn,Peterhead,Fraserburgh,Inverurie,Stonehaven,Montrose,Arbroath,Forfar,Brechin,Crieff,Pitlochry,
Dumfries,Stranraer,Annan,Galashiels,Hawick,Peebles,Kelso,Melrose,Jedburgh,Selkirk,Musselburgh,Dalkeith,
Penicuik,Haddington,North Berwick,Dunbar,Leith,Portobello,Bearsden,Milngavie,Kirkintilloch,Rutherglen,Cambuslang,
Bangor,Newtownards,Holywood,Carrickfergus,Larne,Ballymena,Antrim,Coleraine,Portrush,Ballymoney,Limavady,Omagh,
Enniskillen,Dungannon,Cookstown,Magherafelt,Portadown,Lurgan,Craigavon,Banbridge,Downpatrick,Newcastle,
Strabane,Ballyclare,Newtownabbey,Dundonald,Comber,Douglas,Ramsey,St Helier,St Peter Port,Hugh Town,
Sittingbourne,Ashby-de-la-Zouch,Swadlincote,Wellington,Bridgwater,Burnham-on-Sea,Clevedon,Portishead,Keynsham,
Midsomer Norton,Radstock,Shepton Mallet,Street,Chard,Crewkerne,Ilminster,Sherborne,Shaftesbury,Gillingham,
Blandford Forum,Wimborne,Wimborne Minster,Ferndown,Verwood,Swanage,Wareham,Lyme Regis,Sidmouth,Honiton,Axminster,
Seaton,Dawlish,Teignmouth,Totnes,Dartmouth,Kingsbridge,Ivybridge,Saltash,Liskeard,Looe,Helston,Hayle,
Wadebridge,Padstow,Bakewell,Ashbourne,Alfreton,Heanor,Swadlincote,Lutterworth,Oadby,Wigston,Market Drayton,
Whitchurch,Wem,Church Stretton,Much Wenlock,Newport,Stone,Cheadle,Biddulph,Kidsgrove,Sandbach,Middlewich,
Winsford,Frodsham,Neston,Hoylake,West Kirby,Heswall,Formby,Maghull,Kirkby,Prescot,Huyton,Newton-le-Willows,
Ashton-in-Makerfield,Atherton,Tyldesley,Westhoughton,Horwich,Farnworth,Radcliffe,Ramsbottom,Heywood,Middleton,
Littleborough,Whitworth,Bacup,Rawtenstall,Haslingden,Darwen,Clitheroe,Colne,Nelson,Padiham,Garstang,Poulton-le-Fylde,
Thornton-Cleveleys,Kirkham,Carnforth,Settle,Sedbergh,Kirkby Stephen,Appleby,Cockermouth,Maryport,Wigton,Brampton,
Haltwhistle,Prudhoe,Ponteland,Bedlington,Consett,Stanley,Chester-le-Street,Seaham,Peterlee,Bishop Auckland,
Newton Aycliffe,Spennymoor,Barnard Castle,Crook,Guisborough,Saltburn-by-the-Sea,Yarm,Thornaby,Billingham,Ingleby Barwick,
Stokesley,Pickering,Helmsley,Filey,Driffield,Pocklington,Hornsea,Withernsea,Hessle,Cottingham,Brough,Howden,
Tadcaster,Knaresborough,Boroughbridge,Bedale,Leyburn,Hawes,Garforth,Rothwell,Horsforth,Guiseley,Yeadon,Rawdon,
Baildon,Cleckheaton,Heckmondwike,Mirfield,Ossett,Normanton,Featherstone,Knottingley,Hemsworth,South Elmsall,
Wombwell,Hoyland,Mexborough,Thorne,Bawtry,Maltby,Dinnington,Wath upon Dearne,Stocksbridge,Chapeltown,Dronfield,
Bolsover,Staveley,Clay Cross,Eckington,Southwell,Bingham,West Bridgford,Carlton,Stapleford,Eastwood,Kirkby-in-Ashfield,
Sutton-in-Ashfield,Shirebrook,Ollerton,Horncastle,Woodhall Spa,Market Rasen,Brigg,Barton-upon-Humber,Bourne,Holbeach,
Long Sutton,Sutton Bridge,Downham Market,Hunstanton,North Walsham,Aylsham,Sheringham,Holt,Wells-next-the-Sea,
Attleborough,Watton,Harleston,Bungay,Halesworth,Southwold,Aldeburgh,Leiston,Saxmundham,Framlingham,Eye,Hadleigh,
Mildenhall,Brandon,Soham,Chatteris,Whittlesey,Ramsey,St Ives,Godmanchester,Oundle,Thrapston,Raunds,Higham Ferrers,
Desborough,Rothwell,Burton Latimer,Irthlingborough,Flitwick,Ampthill,Kempston,Houghton Regis,Sandy,Potton,
Tring,Wendover,Princes Risborough,Winslow,Chinnor,Faringdon,Carterton,Burford,Chipping Norton,Woodstock,
Moreton-in-Marsh,Stow-on-the-Wold,Bourton-on-the-Water,Chipping Campden,Tetbury,Nailsworth,Dursley,Wotton-under-Edge,
Berkeley,Lydney,Coleford,Cinderford,Newent,Ross-on-Wye,Bromyard,Kington,Tenbury Wells,Pershore,Upton-upon-Severn,
Droitwich,Droitwich Spa,Stourport-on-Severn,Bewdley,Alcester,Shipston-on-Stour,Southam,Atherstone,Coleshill,
Hungerford,Thatcham,Calne,Corsham,Melksham,Westbury,Warminster,Bradford-on-Avon,Malmesbury,Wootton Bassett,
Royal Wootton Bassett,Highworth,Tidworth,Amesbury,Wilton,Fordingbridge,New Milton,Brockenhurst,Totton,Hythe,
Bishops Waltham,Emsworth,Hayling Island,Cowes,Newport,Ryde,Sandown,Shanklin,Ventnor,Yarmouth,Midhurst,Petworth,
Arundel,Littlehampton,Shoreham-by-Sea,Lancing,Steyning,Henfield,Hassocks,Seaford,Newhaven,Peacehaven,Hailsham,
Heathfield,Battle,Rye,Tenterden,Cranbrook,Paddock Wood,Edenbridge,Westerham,Swanley,Orpington,West Malling,
Snodland,Rainham,Sheerness,Minster,Hythe,New Romney,Lydd,Dymchurch,
Bedfordshire,Berkshire,Buckinghamshire,Cambridgeshire,Cheshire,Cornwall,Cumbria,Cumberland,Westmorland,
Derbyshire,Devon,Dorset,Durham,County Durham,East Sussex,Essex,Gloucestershire,Greater London,Greater Manchester,
Hampshire,Herefordshire,Hertfordshire,Isle of Wight,Kent,Lancashire,Leicestershire,Lincolnshire,Merseyside,
Norfolk,North Yorkshire,Northamptonshire,Northumberland,Nottinghamshire,Oxfordshire,Rutland,Shropshire,Somerset,
South Yorkshire,Staffordshire,Suffolk,Surrey,Tyne and Wear,Warwickshire,West Midlands,West Sussex,West Yorkshire,
Wiltshire,Worcestershire,East Riding of Yorkshire,East Yorkshire,Yorkshire,Avon,Cleveland,Humberside,Middlesex,
Hereford and Worcester,Huntingdonshire,Sussex,Anglesey,Isle of Anglesey,Gwynedd,Conwy,Denbighshire,Flintshire,
Powys,Ceredigion,Pembrokeshire,Carmarthenshire,Glamorgan,South Glamorgan,West Glamorgan,Mid Glamorgan,
Vale of Glamorgan,Gwent,Clwyd,Dyfed,Monmouthshire,Torfaen,Blaenau Gwent,Rhondda Cynon Taf,Neath Port Talbot,
Aberdeenshire,Angus,Argyll,Argyll and Bute,Ayrshire,North Ayrshire,South Ayrshire,East Ayrshire,Banffshire,
Berwickshire,Caithness,Clackmannanshire,Dumfriesshire,Dumfries and Galloway,Dunbartonshire,East Dunbartonshire,
West Dunbartonshire,East Lothian,Midlothian,West Lothian,Lothian,Fife,Highland,Highlands,Inverness-shire,
Kincardineshire,Kinross-shire,Kirkcudbrightshire,Lanarkshire,North Lanarkshire,South Lanarkshire,Moray,Nairnshire,
Orkney,Peeblesshire,Perthshire,Perth and Kinross,Renfrewshire,East Renfrewshire,Ross-shire,Roxburghshire,
Scottish Borders,Borders,Selkirkshire,Shetland,Stirlingshire,Sutherland,Western Isles,Wigtownshire,Strathclyde,
Tayside,Grampian,Central,County Antrim,County Armagh,County Down,County Fermanagh,County Londonderry,County Tyrone,
Antrim,Down,Fermanagh,Tyrone,Co Antrim,Co Down,Co Armagh,Co Tyrone,Co Fermanagh,Co Londonderry,
Isle of Man,Jersey,Guernsey,Channel Islands,Isles of Scilly,England,Scotland,Wales,Northern Ireland,
United Kingdom,UK,Great Britain,GB,
East Midlands,East of England,North East,North West,South East,South West,Yorkshire and the Humber,
Headingley,Chapel Allerton,Roundhay,Moortown,Beeston,Armley,Bramley,Kirkstall,Meanwood,Crossgates,Seacroft,
Didsbury,Chorlton,Withington,Fallowfield,Rusholme,Levenshulme,Moss Side,Ancoats,Ardwick,Gorton,Wythenshawe,
Prestwich,Whitefield,Urmston,Eccles,Swinton,Walkden,Edgbaston,Harborne,Moseley,Kings Heath,Selly Oak,Erdington,
Handsworth,Aston,Small Heath,Sparkhill,Acocks Green,Yardley,Northfield,Longbridge,Kings Norton,Hall Green,
Clifton,Redland,Bedminster,Bishopston,Cotham,Southville,Fishponds,Kingswood,Filton,Stoke Gifford,Bradley Stoke,
Jesmond,Gosforth,Heaton,Byker,Fenham,Benwell,Kenton,Walker,Canton,Roath,Cathays,Llandaff,Whitchurch,Splott,
Morningside,Stockbridge,Bruntsfield,Marchmont,Newington,Corstorphine,Partick,Hillhead,Shawlands,Govan,Dennistoun,
Anfield,Everton,Wavertree,Allerton,Woolton,Aigburth,Toxteth,Kensington,Walton,Edge Hill,
Ecclesall,Crookes,Hillsborough,Walkley,Broomhill,Nether Edge,Sharrow,Heeley,Handsworth
`

function normalisePlace(s: string): string {
  return s
    .toLowerCase()
    .replace(/\bsaint\b/g, 'st')
    .replace(/\bst\./g, 'st')
    .replace(/&/g, 'and')
    .replace(/[\s-]+/g, ' ')
    .trim()
}

/** Normalised place names (lower case, `saint` -> `st`, `&` -> `and`, hyphens as spaces). */
export const UK_PLACES: ReadonlySet<string> = new Set(
  UK_PLACES_TEXT.split(',')
    .map(normalisePlace)
    .filter((p) => p.length > 0),
)

/** True when the whole value is a known UK place. */
export function isUkPlace(value: string): boolean {
  if (value.length > 60) return false
  const place = normalisePlace(value)
  if (UK_PLACES.has(place)) return true
  // "City of Bristol", "County Durham", "Royal Borough of Greenwich".
  const bare = place.replace(
    /^(?:city and county of|city of|county of|royal borough of|borough of|county) /,
    '',
  )
  return bare !== place && UK_PLACES.has(bare)
}
