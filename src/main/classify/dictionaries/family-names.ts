/**
 * Common family names (UK and international), lower-case, space-separated. Written from general
 * knowledge of the most frequent surnames in Britain and Ireland plus common South Asian,
 * African, Polish, Chinese, Vietnamese, Turkish, Greek, Italian, Spanish and Portuguese ones;
 * not generated from any data set. Prefixes (Mc, Mac, O') and hyphenated parts are handled by
 * the recognizer, so each part is listed once.
 */
const FAMILY_NAMES_TEXT = `
abbott abraham adams ahmed akhtar ali allan allen anderson andrews archer armstrong arnold ashton atkins atkinson austin
bailey baker baldwin ball banks barber barker barlow barnes barnett barrett barry bartlett barton bates baxter begum
bell bennett benson bentley berry bevan bibi birch bird bishop black blackburn blake bolton bond booth bowen bower
bowman boyd bradley bradshaw brady brennan briggs brooks brown browne bruce bryan bryant buckley bull burgess burke
burns burrows burton butler byrne cameron campbell carey carr carroll carter cartwright chambers chan chandler chapman
charles charlton chen cheung clark clarke clayton clements coates cole coleman coles collier collins connolly conway
cook cooke cooper cox craig crawford cross cunningham curtis dale dalton daly daniel daniels davey davidson davies davis
dawson day dean dennis dixon dobson dodd doherty donnelly douglas dowling doyle duffy duncan dunn dyer edwards elliott
ellis evans farmer farrell faulkner ferguson field finch fisher fitzgerald fleming fletcher flynn ford forster foster
fowler fox francis franklin fraser freeman french frost fuller gallagher gardiner gardner garner george gibbs gibson
gilbert giles gill glover goddard godfrey goodwin gordon gough graham grant gray green greenwood gregory griffin griffiths
hale hall hamilton hammond hancock hanson harding hardy hargreaves harper harris harrison hart hartley harvey hawkins
hayes haynes hayward heath henderson henry hewitt hicks higgins hill hilton hobbs hodges hodgson holden holland holloway
holmes holt hooper hopkins horton houghton howard howarth howe howell hudson hughes humphreys hunt hunter hurst hussain
hutchinson hyde ingram jackson james jarvis jenkins jennings john johnson johnston jones jordan joyce kaur kay kelly
kemp kennedy kent kerr khan king kirby kirk knight knowles lamb lambert lane lawrence lawson lee lees leonard lewis
little lloyd long lowe lucas lynch lyons mahmood malik mann marsh marshall martin mason matthews may mellor miah miles
miller mills mitchell moore moran morgan morley morris morrison moss murphy murray nash naylor nelson newman newton
nicholls nicholson nolan norman norris norton oliver osborne owen owens palmer parker parkes parkinson parry parsons
patel patterson payne pearce pearson perkins perry peters phillips pickering pollard poole pope porter potter powell
power preston price pritchard quinn rahman randall read reed rees reeves reid reynolds rhodes rice richards richardson
riley roberts robertson robinson robson rogers rose ross rowe russell ryan sanders saunders scott shah sharma sharp
shaw shepherd short simpson sims singh skinner slater smith south spencer stanley steele stephens stephenson stevens
stevenson stewart stone storey sullivan sutton swift talbot taylor thomas thompson thomson thornton todd tomlinson
townsend tucker turner tyler vaughan wade walker wall wallace walsh walters walton ward warner warren waters watson
watts webb webster welch wells west weston wheeler white whitehead wilkinson williams williamson willis wilson wood
woods woodward wright yates young
abbas adair adeyemi afolabi agarwal ahmad akhtar-ali alam amin anwar arshad asghar aslam aziz bashir bhatti bose
chaudhry chaudhary chopra choudhury dar das desai dhillon gupta haider hamid hassan iqbal islam jain javed joshi kapoor
kumar lal mahmud malhotra masood mehta mirza mistry mohammed nair nawaz parmar qureshi rahim raja rana rao rashid
rehman riaz sandhu sangha saeed sethi shaikh sidhu siddiqui sohal tiwari uddin verma yadav yusuf zaman
adebayo adeleke adewale afolayan akinola bello chukwu eze nwosu obi odukoya ogunleye okafor okeke okonkwo okoro
oladipo olawale oyelaran mensah asante boateng owusu osei appiah addo darko kamara koroma conteh bangura diallo
nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski wozniak dabrowski kozlowski
jankowski mazur kwiatkowski krawczyk piotrowski grabowski pawlowski michalski nowakowski adamczyk dudek wieczorek
kazlauskas jankauskas petrauskas popescu ionescu popa stan dumitru petrov ivanov smirnov kovalenko shevchenko horvath
nagy kovacs novak svoboda dvorak muller schmidt schneider fischer weber meyer wagner becker schulz hoffmann
rossi russo ferrari esposito bianchi romano colombo ricci marino greco bruno gallo conti costa giordano mancini
garcia rodriguez gonzalez fernandez lopez martinez sanchez perez gomez diaz hernandez alvarez moreno romero alonso
navarro torres ramirez ruiz silva santos oliveira pereira ferreira rodrigues almeida carvalho gomes lopes ribeiro
sousa martins fernandes teixeira mendes
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo zheng liang tang xie
wong cheng ho lam leung ng tsang yip chow fung tang-wong nguyen tran pham hoang phan vu vo dang bui do ngo duong
kim park choi jung kang cho yoon jang lim tanaka suzuki takahashi watanabe yamamoto nakamura kobayashi sato
yilmaz kaya demir sahin celik yildiz ozturk aydin arslan dogan papadopoulos georgiou nikolaou christodoulou
murphy-jones obrien oconnor oneill odonnell oreilly osullivan obrien-smith macdonald mackenzie mackay maclean
macleod mackintosh macgregor macfarlane mcdonald mckenzie mckay mclean mcleod mcgregor mcintosh mccarthy mcgrath
mcmahon mccann mcbride mclaughlin mckenna mcguire mcdermott mcneill mcgowan mccormack mcarthur mccallum
fitzpatrick fitzsimmons kavanagh keane kearney keegan kehoe kenny keogh lynam maguire moloney mulligan nolan-byrne
oshea quigley redmond regan sheehan sweeney tierney whelan
bronte norgaard hansen jensen nielsen larsen andersen pedersen johansson andersson eriksson karlsson
ap-rhys llewellyn lloyd-jones pugh prosser powys bowen-jones gwynne meredith probert prothero vaughan-jones
`

/** The set, built once. */
export const FAMILY_NAMES: ReadonlySet<string> = new Set(
  FAMILY_NAMES_TEXT.split(/\s+/).filter((n) => n.length > 0),
)
